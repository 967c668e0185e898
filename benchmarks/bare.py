import streamlit as st

st.write("bare")
